/* Small progressive enhancements of the public pages; every page works without them.
   1. A filter form leaves its empty fields out of the address it submits (?q=&year= ... is noise in a
      link a manager hands on); the server ignores empty parameters anyway.
   2. A wide table that scrolls sideways (themes by year) starts scrolled to its newest years, and says
      that earlier years are one swipe away.
   3. A world map wider than the screen starts scrolled to the middle of its cities. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-drop-empty]") || form.method.toLowerCase() !== "get") return;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && !field.disabled && (field.type === "search" || field.type === "number" ||
          field.type === "text" || field.tagName === "SELECT") && field.value === "") {
        field.disabled = true;  /* a disabled field is not submitted */
        window.setTimeout(function () { field.disabled = false; }, 0);  /* usable again after going back */
      }
    });
  });
  function showNewest() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-scroll-newest]"), function (box) {
      var overflowing = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("is-overflowing", overflowing);
      var cue = document.getElementById(box.getAttribute("data-scroll-newest"));
      if (cue) cue.hidden = !overflowing;
      if (overflowing && !box.dataset.scrolled) {
        /* The newest years are at the end of the row: the right in English, the left in Arabic. */
        box.scrollLeft = getComputedStyle(box).direction === "rtl" ? -box.scrollWidth : box.scrollWidth;
        box.dataset.scrolled = "1";
      }
    });
  }
  /* 3. A world map wider than the screen (phones) starts scrolled to where its cities are. */
  function centreMaps() {
    Array.prototype.forEach.call(document.querySelectorAll(".map-scroll"), function (figure) {
      var svg = figure.querySelector("svg"), dots = figure.querySelectorAll(".map-dot");
      if (!svg || !dots.length || figure.scrollWidth <= figure.clientWidth + 1 || figure.dataset.centred) return;
      var box = svg.viewBox.baseVal, sum = 0;
      Array.prototype.forEach.call(dots, function (dot) { sum += dot.cx.baseVal.value; });
      var centre = (sum / dots.length) / box.width * svg.getBoundingClientRect().width;
      figure.scrollLeft = Math.max(0, centre - figure.clientWidth / 2);
      figure.dataset.centred = "1";
    });
  }
  function enhance() { showNewest(); centreMaps(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
  window.addEventListener("resize", enhance);
})();
