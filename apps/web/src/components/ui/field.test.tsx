import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field, NumberField } from './field';

describe('NumberField', () => {
  it('renders the Field a numeric input was written as: numeric keyboard, the number as text', () => {
    expect(
      renderToStaticMarkup(
        <NumberField id="retries" label="Retries" name="retries" defaultValue={0} error="at least 1" />,
      ),
    ).toBe(
      renderToStaticMarkup(
        <Field
          id="retries"
          label="Retries"
          name="retries"
          inputMode="numeric"
          defaultValue="0"
          error="at least 1"
        />,
      ),
    );
  });

  it('leaves an optional number empty when it has none', () => {
    const html = renderToStaticMarkup(
      <NumberField id="slow" label="Slow above (ms)" name="maxLatencyMs" defaultValue={undefined} />,
    );
    expect(html).toContain('value=""');
    expect(html).toContain('inputMode="numeric"');
  });
});
