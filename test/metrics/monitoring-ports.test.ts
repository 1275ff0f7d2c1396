// Which ports and address a command serves monitoring on: `dpt train` nothing
// unless asked, and then on loopback only; `dpt coordinator` metrics on 9464
// on every interface (a Prometheus scrapes the pod's address).
import { describe, expect, it } from 'vitest';
import { monitoringPorts } from '../../cli/monitoring.js';
import { ConfigError } from '../../lib/errors.js';

describe('monitoringPorts', () => {
  it('train: off unless asked, and on loopback when asked', () => {
    expect(monitoringPorts({}, 'train')).toEqual({ metrics: { port: 0, asked: false }, dashboard: 0, host: '127.0.0.1' });
    expect(monitoringPorts({ metricsPort: '9100', dashboard: '8080' }, 'train')).toEqual({ metrics: { port: 9100, asked: true }, dashboard: 8080, host: '127.0.0.1' });
  });

  it('coordinator: metrics on 9464 by default, every interface', () => {
    expect(monitoringPorts({}, 'coordinator')).toEqual({ metrics: { port: 9464, asked: false }, dashboard: 0, host: undefined });
    expect(monitoringPorts({ metricsPort: '0' }, 'coordinator').metrics).toEqual({ port: 0, asked: true });
  });

  it('refuses a dashboard port that is not one', () => {
    for (const bad of ['0', '70000', 'x']) expect(() => monitoringPorts({ dashboard: bad }, 'train')).toThrow(ConfigError);
  });
});
