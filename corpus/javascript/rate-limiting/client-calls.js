// Front-end API client: these are HTTP requests, not route registrations.
import axios from 'axios';

const api = axios.create({ baseURL: process.env.API_URL });

export async function login(email, password) {
  // ok: rate-limiting/auth-route-without-limiter
  const { data } = await api.post('/login', { email, password });
  return data.token;
}

export async function resetPassword(email) {
  // ok: rate-limiting/auth-route-without-limiter
  await axios.post('/password/reset', { email });
}
