import { defineRule } from "../define-rule.js";

export default defineRule({
  id: "download-url-https",
  description: "model.downloadUrl uses https://, never plain http://.",
  severity: "error",
  help: "Use an https:// URL (and set model.sha256 so the download is verified).",
  messages: {
    plainHttp: "model.downloadUrl uses plain http://: the multi-gigabyte model (and any token sent with it) can be read or replaced in transit — use https://",
  },
  check(ctx) {
    const url = ctx.text("model.downloadUrl");
    if (!url || !/^http:\/\//i.test(url)) return;
    ctx.report({
      messageId: "plainHttp",
      path: "model.downloadUrl",
    });
  },
});
