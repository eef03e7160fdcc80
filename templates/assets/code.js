// Code blocks get a copy button (progressive enhancement: without this script the code reads the same).
// Each block is wrapped in a `div.code-block`, so the button stays in its corner while the code scrolls.
(() => {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Pages opened from disk or over plain HTTP: the older copy command.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function addButton(pre) {
    if (pre.parentElement.classList.contains("code-block")) return;
    const block = document.createElement("div");
    block.className = "code-block";
    pre.before(block);
    block.append(pre);

    const button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    const language = pre.dataset.language;
    button.setAttribute("aria-label", language ? `复制 ${language} 代码` : "复制代码");
    button.textContent = "复制";
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    let reset;
    button.addEventListener("click", () => {
      const code = pre.querySelector("code") || pre;
      copyText(code.textContent.replace(/\n$/, "")).then(
        () => { button.textContent = "已复制"; status.textContent = "已复制"; },
        () => { button.textContent = "复制失败"; status.textContent = "复制失败，请手动选择代码"; },
      ).finally(() => {
        button.classList.add("code-copy-done");
        clearTimeout(reset);
        reset = setTimeout(() => {
          button.textContent = "复制";
          status.textContent = "";
          button.classList.remove("code-copy-done");
        }, 2000);
      });
    });
    block.append(button, status);
  }

  function start() {
    // Not the source of a tensor example: its figure lays out source and output together.
    for (const pre of document.querySelectorAll(".note-body pre:not(figure.tensor-example > pre)")) addButton(pre);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
