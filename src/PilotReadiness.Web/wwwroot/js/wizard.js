// Save-as-you-go for the questionnaire wizard: answers are saved when a choice changes and shortly after typing
// stops, so a closed tab loses nothing. Before the form is submitted or a link is followed, a pending save finishes
// first, so the page's own saves never look like someone else's.
(() => {
    "use strict";
    const form = document.querySelector("form[data-autosave]");
    if (!form) {
        return;
    }

    const status = document.getElementById("save-status");
    const version = form.elements.namedItem("Version");
    let dirty = false;
    let timer = 0;
    let inFlight = null;
    let pending = 0;
    let stopped = false;

    const say = (text) => { if (status) { status.textContent = text; } };

    const save = () => {
        window.clearTimeout(timer);
        if (!dirty || stopped) {
            return inFlight ?? Promise.resolve();
        }

        dirty = false;
        const body = new FormData(form);
        pending += 1;
        say("Saving…");
        const request = (inFlight ?? Promise.resolve()).then(() => {
            body.set("Version", version.value);
            return fetch(form.dataset.autosave, { method: "POST", body, headers: { Accept: "application/json" } });
        }).then(async (response) => {
            const result = await response.json().catch(() => ({}));
            pending -= 1;
            if (response.status === 409) {
                stopped = true;
                say(result.message ?? "This assessment changed elsewhere; reload the page.");
                return;
            }

            if (result.version) {
                version.value = result.version;
            }

            // The server's judgement of the saved answers: why each one that does not count does not (never judged here).
            if (result.notCounted) {
                for (const note of form.querySelectorAll("[data-note-for]")) {
                    const text = result.notCounted[note.dataset.noteFor] ?? "";
                    if (note.textContent !== text) {
                        note.textContent = text;
                    }
                }
            }

            // Another save is queued behind this one: "all saved" would not be true yet.
            if (pending > 0 || dirty) {
                return;
            }

            const errors = Object.keys(result.errors ?? {}).length;
            say(errors > 0
                ? `Saved at ${result.savedAt}, except ${errors} answer${errors === 1 ? "" : "s"} that need another look (shown when you continue).`
                : `All answers saved at ${result.savedAt}.`);
        }).catch(() => {
            pending = Math.max(0, pending - 1);
            dirty = true;
            say("Could not save just now. Your answers will be saved when you continue.");
        });
        const tracked = request.finally(() => { if (inFlight === tracked) { inFlight = null; } });
        inFlight = tracked;
        return tracked;
    };

    form.addEventListener("change", () => { dirty = true; save(); });
    form.addEventListener("input", (event) => {
        if (event.target.matches("textarea, input[type=text]")) {
            dirty = true;
            say("Unsaved changes…");
            window.clearTimeout(timer);
            timer = window.setTimeout(save, 1200);
        }
    });

    // A normal submit carries the answers itself; it only has to wait for a save already on its way.
    form.addEventListener("submit", (event) => {
        window.clearTimeout(timer);
        dirty = false;
        if (inFlight) {
            event.preventDefault();
            const submitter = event.submitter;
            inFlight.then(() => form.requestSubmit(submitter));
        }
    });

    // Links away from the step (e.g. "See the score so far") wait for pending answers to be saved.
    document.addEventListener("click", (event) => {
        const link = event.target.closest("a[href]");
        if (!link || (!dirty && !inFlight) || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }

        event.preventDefault();
        save().then(() => { window.location.href = link.href; });
    });

    window.addEventListener("pagehide", () => {
        if (dirty && !stopped) {
            const body = new FormData(form);
            navigator.sendBeacon(form.dataset.autosave, body);
        }
    });
})();
