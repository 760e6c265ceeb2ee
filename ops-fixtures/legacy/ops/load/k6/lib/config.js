// Shared k6 configuration: base URL, thresholds from the suite's baseline, common tags.
export const BASE_URL = __ENV.ATLAS_URL || 'http://localhost:8080';

export function thresholds(baseline) {
  return {
    http_req_failed: [`rate<${baseline.error_ratio}`],
    http_req_duration: [`p(95)<${baseline.p95_ms}`],
  };
}

export const tags = { service: 'atlas', suite: __ENV.SUITE || 'adhoc' };
