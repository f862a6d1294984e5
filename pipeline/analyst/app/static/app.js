// Kerjasama workspace: keyboard navigation and evidence highlighting. Pages work without it.
(function () {
  "use strict";
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-nav]")); }
  function typing(el) { return el && el.closest && el.closest("input, textarea, select, button"); }
  function hot(field) {
    document.querySelectorAll("rect.hot").forEach(function (r) { r.classList.remove("hot"); });
    if (!field) return;
    document.querySelectorAll('rect[data-field="' + field + '"]').forEach(function (r) { r.classList.add("hot"); });
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === "/") {
      var box = document.getElementById("q");
      if (box) { event.preventDefault(); box.focus(); }
      return;
    }
    var list = rows();
    if (!list.length) return;
    var at = list.indexOf(document.activeElement);
    if (event.key === "j" || event.key === "ArrowDown") {
      event.preventDefault();
      list[Math.min(list.length - 1, at + 1)].focus();
    } else if (event.key === "k" || event.key === "ArrowUp") {
      event.preventDefault();
      list[Math.max(0, at - 1)].focus();
    } else if (event.key === "Enter" && at >= 0 && list[at].tagName !== "A") {
      var input = list[at].querySelector("input:not([type=hidden]), select");
      if (input) { event.preventDefault(); input.focus(); }
    }
  });
  document.addEventListener("focusin", function (event) {
    var row = event.target.closest && event.target.closest("[data-field]");
    hot(row ? row.getAttribute("data-field") : null);
  });
})();
