// The console's only way to the API. Tokens live in sessionStorage (this tab only, gone when it
// closes) and travel in the Authorization header; no cookie is ever set, so there is no CSRF surface.

const SESSION = 'playerbase.console.session';
const STAFF_ROLES = ['support', 'admin'];

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? { status, title: `HTTP ${status}` };
  }
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION));
  } catch {
    return null;
  }
}

export function isAdmin() {
  return session()?.roles?.includes('admin') ?? false;
}

function store(value) {
  if (value) sessionStorage.setItem(SESSION, JSON.stringify(value));
  else sessionStorage.removeItem(SESSION);
}

export function signOut() {
  store(null);
}

/** Logs in and keeps the session only for a staff account; a player is refused here (the API refuses them too). */
export async function signIn(login, password) {
  const tokens = await call('POST', '/api/v1/auth/login', { body: { login, password }, anonymous: true });
  const me = await call('GET', '/api/v1/users/me', { token: tokens.access_token });
  if (!me.roles.some(role => STAFF_ROLES.includes(role))) {
    throw new ApiError(403, {
      type: 'urn:playerbase:console:not-staff', title: 'Not a staff account', status: 403,
      detail: 'This console is for support staff and admins. Player accounts cannot sign in here.',
    });
  }
  store({ access: tokens.access_token, refresh: tokens.refresh_token, id: me.id, username: me.username, roles: me.roles });
  return session();
}

async function refresh() {
  const current = session();
  if (!current?.refresh) return false;
  try {
    const tokens = await call('POST', '/api/v1/auth/refresh', { body: { refresh_token: current.refresh }, anonymous: true });
    store({ ...current, access: tokens.access_token, refresh: tokens.refresh_token });
    return true;
  } catch {
    store(null);
    return false;
  }
}

/** A fresh Idempotency-Key: one per money movement the admin confirms, reused only to retry that same one. */
export function idempotencyKey() {
  return `console-${crypto.randomUUID()}`;
}

export async function api(method, path, options = {}) {
  try {
    return await call(method, path, options);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !options.anonymous && await refresh()) {
      return call(method, path, options);
    }
    if (error instanceof ApiError && error.status === 401) {
      store(null);
      window.dispatchEvent(new Event('console:signed-out'));
    }
    throw error;
  }
}

async function call(method, path, { body, token, anonymous = false, idempotencyKey } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const bearer = token ?? (anonymous ? null : session()?.access);
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', redirect: 'error',
    });
  } catch (cause) {
    throw new ApiError(0, { title: 'Network error', detail: 'The service could not be reached. Try again.' });
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}
