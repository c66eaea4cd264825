// aicost report: a table box wider than the column says that it scrolls sideways.
(function () {
  function mark() {
    document.querySelectorAll(".aicost-table").forEach(function (box) {
      box.classList.toggle("aicost-scrolls", box.scrollWidth > box.clientWidth + 1);
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
