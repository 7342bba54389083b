// The portfolio's "Reports (ZIP of PDFs)" link, with progress: instead of leaving the browser to download the ZIP
// silently, fetch it, count the reports as they arrive, then save it. Without this script the link downloads as usual.
(() => {
    "use strict";
    const link = document.querySelector("a[data-export-zip]");
    if (!link || !window.fetch || !window.AbortController || !window.ReadableStream) {
        return;
    }

    const box = document.querySelector("[data-export-progress]");
    const bar = box.querySelector("progress");
    const cancel = box.querySelector("[data-export-cancel]");
    const status = document.querySelector("[data-export-status]");
    const fallback = document.querySelector("[data-export-fallback]");
    const number = new Intl.NumberFormat("en-GB");
    let controller = null;

    // Each file in a ZIP starts with a local file header: the bytes 50 4B 03 04 ("PK\3\4"). The last three bytes of
    // the previous chunk are kept, so a header split across two chunks is counted once.
    function countHeaders(tail, chunk) {
        const at = (i) => (i < 0 ? tail[tail.length + i] : chunk[i]);
        let count = 0;
        for (let i = -tail.length; i + 3 < chunk.length; i++) {
            if (at(i) === 0x50 && at(i + 1) === 0x4b && at(i + 2) === 0x03 && at(i + 3) === 0x04) {
                count++;
            }
        }
        const joined = [...tail, ...chunk.subarray(Math.max(0, chunk.length - 3))];
        return { count, tail: joined.slice(-3) };
    }

    function show(done, total) {
        if (Number.isFinite(total)) {
            bar.max = Math.max(total, 1);
            bar.value = Math.min(done, total);
            status.textContent = `${number.format(Math.min(done, total))} of ${number.format(total)} reports…`;
        } else {
            bar.removeAttribute("value");
            status.textContent = `${number.format(done)} reports…`;
        }
    }

    function fileName(response) {
        const match = /filename="?([^";]+)"?/i.exec(response.headers.get("Content-Disposition") || "");
        return match ? match[1] : "reports.zip";
    }

    async function download() {
        controller = new AbortController();
        fallback.hidden = true;
        box.hidden = false;
        bar.removeAttribute("value");
        status.textContent = "Preparing the reports…";
        try {
            const response = await fetch(link.href, { signal: controller.signal, credentials: "same-origin" });
            if (!response.ok) {
                throw new Error(`the server answered ${response.status}`);
            }

            const total = parseInt(response.headers.get("X-Report-Count") ?? "", 10);
            const reader = response.body.getReader();
            const chunks = [];
            let headers = 0;
            let tail = [];
            for (;;) {
                const { done, value } = await reader.read();
                if (done) {
                    break;
                }
                chunks.push(value);
                const found = countHeaders(tail, value);
                headers += found.count;
                tail = found.tail;
                // The newest report may still be arriving; the ones before it are complete.
                show(Math.max(0, headers - 1), total);
            }

            const blob = new Blob(chunks, { type: "application/zip" });
            const url = URL.createObjectURL(blob);
            const save = document.createElement("a");
            save.href = url;
            save.download = fileName(response);
            save.hidden = true;
            document.body.append(save);
            save.click();
            save.remove();
            setTimeout(() => URL.revokeObjectURL(url), 60_000);
            show(headers, Number.isFinite(total) ? total : headers);
            status.textContent = `Done: ${number.format(headers)} ${headers === 1 ? "report" : "reports"} saved as ${save.download}.`;
        } catch (error) {
            if (error.name === "AbortError") {
                status.textContent = "Cancelled. Nothing was saved.";
            } else {
                status.textContent = `The reports could not be downloaded (${error.message}).`;
                fallback.hidden = false;
            }
        } finally {
            box.hidden = true;
            controller = null;
        }
    }

    link.addEventListener("click", (event) => {
        // Let the browser handle a click meant to open a new tab or window.
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        if (!controller) {
            download();
        }
    });
    cancel.addEventListener("click", () => controller?.abort());
})();
