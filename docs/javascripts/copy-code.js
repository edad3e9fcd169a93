// The copy button of a Python console example copies its code alone, without the
// ">>> " and "... " prompts and without the output. The build (docs/copy_code.py) put
// that code in the block's data-copy attribute; this hands it to the button before
// Material's own click handler runs (clipboard.js copies a button's
// data-clipboard-text when it has one). Recent versions of Material read data-copy
// themselves; this keeps older ones doing the same.
document.addEventListener(
  "click",
  (event) => {
    const button =
      event.target instanceof Element
        ? event.target.closest("[data-clipboard-target]")
        : null;
    if (!button) return;
    const code = document.querySelector(button.getAttribute("data-clipboard-target"));
    const block = code ? code.closest("[data-copy]") : null;
    if (block) button.setAttribute("data-clipboard-text", block.getAttribute("data-copy"));
  },
  true, // capture: before clipboard.js, which listens as the click bubbles
);
