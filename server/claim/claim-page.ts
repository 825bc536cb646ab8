/**
 * GET /claim: the page the printed link opens. The token stays in the
 * fragment (never sent in a request line or logged); the page's script reads
 * it and posts it with the form to /api/claim on this same origin.
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
<label>Org name <input name="orgName" required maxlength="100"></label>
<label>Your name <input name="name" required maxlength="100" autocomplete="name"></label>
<label>Your work email <input name="email" type="email" required maxlength="254" autocomplete="email"></label>
<button>Create the org</button>
</form>
<p id="result" role="status"></p>
<script src="/claim.js"></script>
</body>
</html>`;

export const CLAIM_SCRIPT = `const form = document.getElementById('claim');
const result = document.getElementById('result');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  const token = location.hash.slice(1);
  const response = await fetch('/api/claim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...data, token }) });
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
