import http from 'k6/http';
import { check, sleep } from 'k6';
import { BASE_URL, tags } from './config.js';

export function get(path, name) {
  const res = http.get(`${BASE_URL}${path}`, { tags: { ...tags, name: name || path } });
  check(res, { [`${name || path} is 2xx`]: (r) => r.status >= 200 && r.status < 300 });
  return res;
}

export function post(path, body, name) {
  const res = http.post(`${BASE_URL}${path}`, JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json' },
    tags: { ...tags, name: name || path },
  });
  check(res, { [`${name || path} is 2xx`]: (r) => r.status >= 200 && r.status < 300 });
  return res;
}

export function think(seconds) {
  sleep(seconds * (0.5 + Math.random()));
}
