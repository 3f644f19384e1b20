/* A small inline script of the review page; the page's CSP admits it by hash, and the page works without it. */

/** Adds the Copy buttons; without scripts the wording is selected whole by one click (user-select: all). */
export const COPY_SCRIPT = `(function () {
  'use strict';
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand('copy'); } catch (error) { done = false; }
      document.body.removeChild(area);
      if (done) resolve(); else reject(new Error('copy refused'));
    });
  }
  function say(button, text) {
    button.textContent = text;
    window.setTimeout(function () { button.textContent = 'Copy'; }, 1800);
  }
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      copy(target.textContent).then(function () { say(button, 'Copied'); }, function () {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        say(button, 'Press Ctrl+C');
      });
    });
  });
})();`;
