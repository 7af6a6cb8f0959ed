/* 大字 (larger text for older readers): a button in the header that enlarges every page's
   text by a quarter, remembered in this browser. The class is set before the page is drawn by
   the line in renda/frame.html; this adds the button and keeps the choice. */
(function () {
  "use strict";
  var KEY = "renda-large";
  var root = document.documentElement;
  function remember(on) {
    try { if (on) { localStorage.setItem(KEY, "1"); } else { localStorage.removeItem(KEY); } } catch (e) { /* private mode */ }
  }
  var header = document.querySelector(".md-header__inner");
  if (!header) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "renda-large-toggle";
  button.textContent = "大字";
  button.title = "放大网页文字（再点一次恢复）";
  button.setAttribute("aria-pressed", root.classList.contains(KEY) ? "true" : "false");
  button.addEventListener("click", function () {
    var on = !root.classList.contains(KEY);
    root.classList.toggle(KEY, on);
    button.setAttribute("aria-pressed", on ? "true" : "false");
    remember(on);
  });
  // After the title, before search and the repository link (when the theme shows them).
  var title = header.querySelector(".md-header__title");
  header.insertBefore(button, title ? title.nextSibling : null);
})();
