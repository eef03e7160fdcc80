/// Version of the numeric kernel; bump whenever any result may change (used as a cache key by callers).
public let tensorKernelVersion: String = "tensor-3"
