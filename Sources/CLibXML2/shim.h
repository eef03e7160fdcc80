// libxml2 as Debian builds it includes ICU's headers (for its ICU encoding handlers), whose types clash with
// Foundation's own copy of ICU in any module that imports both. sitegen parses UTF-8 only and never touches
// an encoding handler's ICU fields, so the headers are read without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
