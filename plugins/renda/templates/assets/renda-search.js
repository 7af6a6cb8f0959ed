/* renda site search: reads the index written by renda/search.py, a piece at a time.
 *
 * A query is cut like the index: Chinese into pairs of neighbouring characters, Latin letters
 * and digits into words. A page matches when it holds the pairs taken side by side
 * (农村饮水 → 农村 + 饮水) and every word; it ranks by all the pairs it holds (also 村饮),
 * weighted by how rare each is, a pair in a short title counting most. A posting is
 * page << shift | weight; the weight is title (0, or 1–7 the shorter the title) × 8 + times
 * the text holds the term (up to 7).
 */
(function () {
  "use strict";
  var box = document.getElementById("renda-search");
  if (!box || !window.fetch) { return; }
  var slash = function (url) { return url.slice(-1) === "/" ? url : url + "/"; };
  var indexUrl = slash(box.getAttribute("data-index"));
  var rootUrl = slash(box.getAttribute("data-root"));
  var form = box.querySelector("form");
  var input = box.querySelector("input");
  var status = box.querySelector(".renda-search-status");
  var list = box.querySelector(".renda-search-results");
  var more = box.querySelector(".renda-search-more");
  var RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+/g;
  var PAGE = 10;
  var loaded = {};
  var current = null;
  var asking = 0;  // the latest query; answers to older ones are dropped

  function load(path) {
    if (!loaded[path]) {
      loaded[path] = fetch(indexUrl + path).then(function (response) {
        if (!response.ok) { throw new Error(path + ": " + response.status); }
        return response.json();
      });
    }
    return loaded[path];
  }

  function parse(query) {
    var need = [], pairs = [], phrases = [], single = false;
    (query.toLowerCase().match(RUNS) || []).forEach(function (run) {
      if (run.charCodeAt(0) < 0x3400) {
        need.push(run); pairs.push(run); phrases.push(run);
      } else if (run.length === 1) {
        single = true;
      } else {
        phrases.push(run);
        for (var i = 0; i + 1 < run.length; i++) { pairs.push(run.substr(i, 2)); }
        for (var j = 0; j + 1 < run.length; j += 2) { need.push(run.substr(j, 2)); }
        if (run.length % 2 === 1) { need.push(run.substr(run.length - 2, 2)); }
      }
    });
    return { need: need, pairs: pairs, phrases: phrases, single: single };
  }

  function chunkOf(firsts, term) {
    var low = 0, high = firsts.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (firsts[middle] <= term) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  }

  function postings(meta, term) {
    var chunk = chunkOf(meta.chunks, term);
    if (chunk < 0) { return Promise.resolve(null); }
    return load("t/" + chunk + ".json").then(function (terms) {
      var gaps = terms[term];
      if (!gaps) { return null; }
      var pages = new Map(), page = 0, shift = meta.shift, mask = (1 << shift) - 1;
      for (var k = 0; k < gaps.length; k++) {
        page += gaps[k] >> shift;
        pages.set(page, gaps[k] & mask);
      }
      return pages;
    });
  }

  function search(query) {
    var q = parse(query);
    return load("meta.json").then(function (meta) {
      var all = q.pairs.concat(q.need).filter(function (t, i, a) { return a.indexOf(t) === i; });
      return Promise.all(all.map(function (t) { return postings(meta, t); })).then(function (found) {
        var of = {};
        all.forEach(function (t, i) { of[t] = found[i]; });
        var pages = null;
        for (var n = 0; n < q.need.length; n++) {
          var holding = of[q.need[n]];
          if (!holding) { pages = []; break; }
          pages = pages === null ? Array.from(holding.keys())
                                 : pages.filter(function (p) { return holding.has(p); });
        }
        var hits = (pages || []).map(function (page) {
          var score = 0;
          q.pairs.forEach(function (t) {
            var holding = of[t];
            if (!holding || !holding.has(page)) { return; }
            var weight = holding.get(page), title = weight >> 3, times = weight & 7;
            var rarity = Math.log(1 + meta.pages / holding.size);
            score += rarity * ((title ? 12 + title : 0) + (times ? 1 + Math.log(times) : 0));
          });
          return { page: page, score: score };
        });
        hits.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        return { meta: meta, hits: hits, query: q };
      });
    });
  }

  function excerpt(text, phrases) {
    var lower = text.toLowerCase(), at = -1, length = 0;
    phrases.forEach(function (p) {
      var i = lower.indexOf(p);
      if (i >= 0 && (at < 0 || i < at)) { at = i; length = p.length; }
    });
    var start = at > 40 ? at - 40 : 0;
    var shown = text.substr(start, 120);
    var fragment = document.createDocumentFragment();
    if (start > 0) { fragment.appendChild(document.createTextNode("…")); }
    var rest = shown, lowerRest = shown.toLowerCase();
    while (rest) {
      var next = -1, size = 0;
      phrases.forEach(function (p) {
        var i = lowerRest.indexOf(p);
        if (i >= 0 && (next < 0 || i < next)) { next = i; size = p.length; }
      });
      if (next < 0) { fragment.appendChild(document.createTextNode(rest)); break; }
      fragment.appendChild(document.createTextNode(rest.slice(0, next)));
      var mark = document.createElement("mark");
      mark.textContent = rest.substr(next, size);
      fragment.appendChild(mark);
      rest = rest.slice(next + size);
      lowerRest = lowerRest.slice(next + size);
    }
    if (start + 120 < text.length) { fragment.appendChild(document.createTextNode("…")); }
    return fragment;
  }

  function show(result, from) {
    var meta = result.meta, slice = result.hits.slice(from, from + PAGE);
    var chunks = slice.map(function (h) { return Math.floor(h.page / meta.per_chunk); });
    return Promise.all(chunks.map(function (c) { return load("d/" + c + ".json"); })).then(function (loadedChunks) {
      if (current !== result) { return; }
      slice.forEach(function (hit, i) {
        var page = loadedChunks[i][hit.page % meta.per_chunk];
        var item = document.createElement("li");
        var kind = document.createElement("span");
        kind.className = "renda-search-kind";
        kind.textContent = page[2];
        var link = document.createElement("a");
        link.href = rootUrl + page[0];
        link.textContent = page[1];
        var heading = document.createElement("p");
        heading.className = "renda-search-title";
        heading.appendChild(kind);
        heading.appendChild(link);
        var text = document.createElement("p");
        text.className = "renda-search-excerpt";
        text.appendChild(excerpt(page[3], result.query.phrases));
        item.appendChild(heading);
        item.appendChild(text);
        list.appendChild(item);
      });
      result.shown = from + slice.length;
      more.hidden = result.shown >= result.hits.length;
    });
  }

  function run(query) {
    var mine = ++asking;
    list.textContent = "";
    more.hidden = true;
    current = null;
    query = query.trim();
    if (!query) { status.textContent = ""; return; }
    var parsed = parse(query);
    if (!parsed.need.length) {
      status.textContent = parsed.single ? "请至少输入两个字，例如“石桥”“饮水”。" : "请输入要找的文字。";
      return;
    }
    status.textContent = "正在搜索…";
    search(query).then(function (result) {
      if (mine !== asking) { return; }
      current = result;
      status.textContent = result.hits.length
        ? "找到 " + result.hits.length + " 个结果（“" + query + "”）"
        : "没有找到包含“" + query + "”的内容。可以换个说法，或少输入几个字。";
      return show(result, 0);
    }).catch(function () {
      if (mine === asking) { status.textContent = "搜索索引没有载入，请稍后再试。"; }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(query.trim()));
    }
    run(query);
  });
  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { run(input.value); }, 250);
  });
  more.addEventListener("click", function () {
    if (!current || current.busy) { return; }  // a second tap while the next ten load
    current.busy = true;
    var result = current;
    show(result, result.shown || 0).catch(function () {
      status.textContent = "搜索索引没有载入，请稍后再试。";
    }).then(function () { result.busy = false; });
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; run(asked); }
})();
