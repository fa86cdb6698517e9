// Runs first thing in <body>, before the page is drawn: tells GOV.UK Frontend's CSS that
// JavaScript is on (GOV.UK's usual inline snippet, as a file so that CSP needs no nonce).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
