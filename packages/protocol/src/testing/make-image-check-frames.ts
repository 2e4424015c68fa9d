import type { ImageCheckFrame, ImageCheckResultFrame } from '../schemas/image-checks.js';

export const TEST_IMAGE_CHECK_REQUEST_ID = '2b7e1f0c-3d4a-4b5c-8d6e-7f8091a2b3c4';
export const TEST_IMAGE_CHECK_ITEM_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

export function makeImageCheckFrame(overrides: Partial<ImageCheckFrame> = {}): ImageCheckFrame {
  return {
    type: 'image_check',
    requestId: TEST_IMAGE_CHECK_REQUEST_ID,
    items: [
      {
        id: TEST_IMAGE_CHECK_ITEM_ID,
        image: 'nginx:1.27',
        repoDigests: [`nginx@${DIGEST}`],
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      },
    ],
    ...overrides,
  };
}

export function makeImageCheckResultFrame(
  overrides: Partial<ImageCheckResultFrame> = {},
): ImageCheckResultFrame {
  return {
    type: 'image_check_result',
    requestId: TEST_IMAGE_CHECK_REQUEST_ID,
    results: [
      {
        id: TEST_IMAGE_CHECK_ITEM_ID,
        status: 'update_available',
        remoteDigest: `sha256:${'cd'.repeat(32)}`,
        newest: { patch: '1.27.4', major: '2.0.0' },
        rateLimit: { limit: 100, remaining: 97 },
        requests: { head: 1, get: 0 },
      },
    ],
    ...overrides,
  };
}
