// Save-as-you-go for the check-in form: answers are kept when a choice changes and shortly after typing stops, so a
// closed tab loses nothing and the owner can finish later (signed in, or from the same emailed link). Filing the
// check-in sends the whole form itself; it only waits for a save already on its way.
(() => {
    "use strict";
    const form = document.querySelector("form[data-autosave]");
    if (!form || !form.dataset.autosave) {
        return;
    }

    const status = form.querySelector("[data-checkin-status]");
    let dirty = false;
    let timer = 0;
    let inFlight = null;
    let stopped = false;

    const say = (text) => { if (status) { status.textContent = text; } };
    const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

    const save = () => {
        window.clearTimeout(timer);
        if (!dirty || stopped) {
            return inFlight ?? Promise.resolve();
        }

        dirty = false;
        const body = new FormData(form);
        say("Saving…");
        const request = (inFlight ?? Promise.resolve())
            .then(() => fetch(form.dataset.autosave, { method: "POST", body, headers: { Accept: "application/json" } }))
            .then(async (response) => {
                const result = await response.json().catch(() => ({}));
                if (response.status === 409 || response.status === 410) {
                    stopped = true;
                    say(result.message ?? "This check-in can no longer be changed here; reload the page.");
                    return;
                }

                if (dirty) {
                    return;
                }

                const errors = Object.keys(result.errors ?? {}).length;
                say(errors > 0
                    ? `Not kept yet: ${errors} answer${errors === 1 ? "" : "s"} need${errors === 1 ? "s" : ""} another look (shown when you file or save for later).`
                    : `All answers kept at ${time(result.at)}.`);
            })
            .catch(() => {
                dirty = true;
                say("Could not save just now. Your answers are sent when you file the check-in.");
            });
        const tracked = request.finally(() => { if (inFlight === tracked) { inFlight = null; } });
        inFlight = tracked;
        return tracked;
    };

    form.addEventListener("change", () => { dirty = true; save(); });
    form.addEventListener("input", (event) => {
        if (event.target.matches("textarea, input[type=text], input[type=email]")) {
            dirty = true;
            say("Unsaved changes…");
            window.clearTimeout(timer);
            timer = window.setTimeout(save, 1200);
        }
    });

    form.addEventListener("submit", (event) => {
        window.clearTimeout(timer);
        dirty = false;
        if (inFlight) {
            event.preventDefault();
            const submitter = event.submitter;
            inFlight.then(() => form.requestSubmit(submitter));
        }
    });

    window.addEventListener("pagehide", () => {
        if (dirty && !stopped) {
            navigator.sendBeacon(form.dataset.autosave, new FormData(form));
        }
    });
})();
