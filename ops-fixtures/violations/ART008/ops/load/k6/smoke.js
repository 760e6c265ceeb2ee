import http from 'k6/http';
import { check } from 'k6';

export const options = { vus: 2, duration: '30s' };

export default function () {
  const res = http.get(`${__ENV.ATLAS_URL}/healthz`);
  check(res, { 'status is 200': (r) => r.status === 200 });
}
