// The 333 agent's page works without this file; it only adds keys: "/" back to the search
// box, ArrowDown/ArrowUp from one result to the next.
document.addEventListener("keydown", function (e) {
  var box = document.getElementById("q");
  if (e.key === "/" && document.activeElement !== box) { e.preventDefault(); box.focus(); box.select(); return; }
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  var links = Array.prototype.slice.call(document.querySelectorAll(".results h2 a"));
  if (!links.length) return;
  var at = links.indexOf(document.activeElement);
  if (document.activeElement === box && e.key === "ArrowDown") at = -1;
  else if (at < 0) return;
  var next = e.key === "ArrowDown" ? at + 1 : at - 1;
  if (next < 0) { e.preventDefault(); box.focus(); return; }
  if (next < links.length) { e.preventDefault(); links[next].focus(); }
});
