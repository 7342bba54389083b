// Tells the server the browser's time zone once (kept for a year), so pages show times as the viewer reads them.
(function () {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    var current = document.cookie.split('; ').find(function (c) { return c.indexOf('tz=') === 0; });
    if (current !== 'tz=' + encodeURIComponent(zone)) {
        document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax' +
            (location.protocol === 'https:' ? '; secure' : '');
    }
})();
