// A stand-in for ID-porten for the browser test: a real OpenID provider (the npm
// `oidc-provider` package) on a loopback port, with a login page of our own where the
// tester types a national identity number and picks a security level, as BankID
// (idporten-loa-high) or MinID (idporten-loa-substantial) would decide it.

import http from "node:http";
import Provider from "oidc-provider";

export const CLIENT_ID = "carepath-browser";
export const CLIENT_SECRET = "browser-test-secret";

const LEVELS = { high: "idporten-loa-high", substantial: "idporten-loa-substantial" };

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function loginPage(uid) {
  return `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Test-ID-porten</title></head>
<body><main><h1>Test-ID-porten</h1>
<form method="post" action="/interaction/${uid}/login">
<label for="pid">Fødselsnummer</label> <input id="pid" name="pid" inputmode="numeric">
<fieldset><legend>Innloggingsmetode</legend>
<label><input type="radio" name="level" value="high" checked> BankID (høyt nivå)</label>
<label><input type="radio" name="level" value="substantial"> MinID (betydelig nivå)</label>
</fieldset>
<button type="submit">Logg inn</button></form></main></body></html>`;
}

/** Starts the provider on `port`; carepath sends browsers back to `redirectUri`. */
export async function startIdPorten(port, redirectUri) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: "client_secret_basic",
    }],
    // ID-porten puts `pid` in the ID token.
    claims: { openid: ["sub"], profile: ["pid"] },
    conformIdTokenClaims: false,
    acrValues: Object.values(LEVELS),
    findAccount: (ctx, id) => ({ accountId: id, claims: () => ({ sub: id, pid: id }) }),
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ["browser-test-cookie-key"] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 300, IdToken: 300 },
    // Consent is ID-porten's business; grant what carepath asks for.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope("openid profile");
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.setHeader("content-type", "text/html; charset=utf-8");
        return res.end(loginPage(details.uid));
      }
      const form = new URLSearchParams(await readBody(req));
      await provider.interactionFinished(req, res, {
        login: { accountId: form.get("pid"), acr: LEVELS[form.get("level")] ?? LEVELS.substantial },
      }, { mergeWithLastSubmission: false });
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, stop: () => server.close() };
}
