// The decide page's gate reasons: each field says (data-needed-for) which decisions need it, as the server worked out from
// the domain's rule. With a decision chosen, only the fields that decision needs are shown; without script, or before a
// decision is chosen, every field stays visible, and the server says which ones were needed.
(() => {
    "use strict";
    const form = document.querySelector("form [data-reasons]")?.closest("form");
    if (!form) {
        return;
    }

    const fieldset = form.querySelector("[data-reasons]");
    const fields = [...fieldset.querySelectorAll("[data-needed-for]")];

    const show = () => {
        const chosen = form.querySelector("input[name='Input.Outcome']:checked")?.value;
        if (!chosen) {
            return;
        }

        let any = false;
        for (const field of fields) {
            const needed = field.dataset.neededFor.split(" ").includes(chosen) || field.classList.contains("has-error");
            field.hidden = !needed;
            any = any || needed;
        }

        fieldset.hidden = !any;
    };

    form.addEventListener("change", (event) => {
        if (event.target.name === "Input.Outcome") {
            show();
        }
    });
    show();
})();
