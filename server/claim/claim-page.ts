import { MAX_EMAIL_LENGTH } from '../../lib/domain/email.ts';
import { MAX_NAME_LENGTH } from '../../lib/domain/member.ts';
import { MAX_ORG_NAME_LENGTH } from '../../lib/domain/org-name.ts';

/**
 * GET /claim: the page the printed link opens. The token stays in the
 * fragment (never sent in a request line or logged); the page's script reads
 * it and sends it with the form as the claimOrg command, on this same origin.
 */
export const CLAIM_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Marketo Access: create your org</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}input{display:block;width:100%;padding:.4rem;font:inherit}button{margin-top:1rem;padding:.5rem 1rem;font:inherit}</style>
</head>
<body>
<h1>Create your org</h1>
<p>You are the first admin of this Marketo Access team server. Afterwards, sign in from the extension with the code emailed to you.</p>
<form id="claim">
<label>Org name <input name="orgName" required maxlength="${MAX_ORG_NAME_LENGTH}"></label>
<label>Your name <input name="name" required maxlength="${MAX_NAME_LENGTH}" autocomplete="name"></label>
<label>Your work email <input name="email" type="email" required maxlength="${MAX_EMAIL_LENGTH}" autocomplete="email"></label>
<button>Create the org</button>
</form>
<p id="result" role="status"></p>
<script src="/claim.js"></script>
</body>
</html>`;

export const CLAIM_SCRIPT = `// A UUID for the Idempotency-Key; randomUUID needs a secure context, getRandomValues does not.
const newKey = () => crypto.randomUUID ? crypto.randomUUID() : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
const form = document.getElementById('claim');
const result = document.getElementById('result');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  const token = location.hash.slice(1);
  const response = await fetch('/api/commands/claimOrg', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': newKey() }, body: JSON.stringify({ ...data, token }) });
  const answer = await response.json().catch(() => ({}));
  if (answer.ok) {
    form.hidden = true;
    history.replaceState(null, '', location.pathname);
    result.textContent = 'Your org is ready. Open the Marketo Access extension, enter this server and sign in as ' + answer.value.member.email + '.';
  } else {
    result.textContent = (answer.error && answer.error.message) || 'The server refused: try again.';
  }
});
`;
