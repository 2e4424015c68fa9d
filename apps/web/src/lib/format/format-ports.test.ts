import { describe, expect, it } from 'vitest';
import { formatPorts } from './format-ports';

describe('formatPorts', () => {
  it('writes published ports as docker ps does, then exposed ones', () => {
    expect(
      formatPorts([
        { privatePort: 53, type: 'udp' },
        { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' },
        { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '::' },
      ]),
    ).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 53/udp');
  });

  it('lists a port reported twice once', () => {
    expect(
      formatPorts([
        { privatePort: 443, publicPort: 8443, type: 'tcp' },
        { privatePort: 443, publicPort: 8443, type: 'tcp' },
      ]),
    ).toBe('8443->443/tcp');
  });
});
