// The print page's "Print" button: shown only when this script runs, since without it the button could do nothing.
(() => {
    "use strict";
    for (const button of document.querySelectorAll("[data-print]")) {
        button.hidden = false;
        button.addEventListener("click", () => window.print());
    }
})();
