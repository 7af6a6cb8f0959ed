/* 我的代表: typing or choosing a village shows only its section (every village stays listed
   without JavaScript). */
(function () {
  "use strict";
  var input = document.getElementById("renda-village");
  var status = document.querySelector(".renda-mine-status");
  var sections = Array.prototype.slice.call(document.querySelectorAll(".renda-village"));
  var links = document.querySelector(".renda-village-links");
  if (!input || !sections.length) { return; }
  function show() {
    var typed = input.value.replace(/\s+/g, "");
    var shown = 0;
    sections.forEach(function (section) {
      var name = section.getAttribute("data-name");
      var match = !typed || name.indexOf(typed) >= 0 || typed.indexOf(name) >= 0;
      section.hidden = !match;
      if (match) { shown += 1; }
    });
    if (links) { links.hidden = Boolean(typed); }
    status.textContent = !typed ? "" : shown ? "找到 " + shown + " 个村（社区）" :
      "没有找到“" + input.value.trim() + "”：请换一种写法，或在下面的列表里选择。";
    if (typed && !shown && links) { links.hidden = false; }
  }
  input.addEventListener("input", show);
  input.addEventListener("change", show);
})();
