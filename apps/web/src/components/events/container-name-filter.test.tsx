import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ContainerNameFilter } from './filter-bar';

describe('ContainerNameFilter', () => {
  it('is a text input named containerName suggesting the organisation’s names from its datalist', () => {
    document.body.innerHTML = renderToStaticMarkup(
      <ContainerNameFilter value="web" names={['db', 'web']} invalid={undefined} />,
    );
    const input = document.querySelector<HTMLInputElement>('input[name="containerName"]');
    expect(input?.value).toBe('web');
    expect(document.querySelector('label')?.getAttribute('for')).toBe(input?.id);
    const list = document.getElementById(input?.getAttribute('list') ?? '');
    expect(list?.tagName).toBe('DATALIST');
    expect(
      [...(list?.querySelectorAll('option') ?? [])].map((option) => option.getAttribute('value')),
    ).toEqual(['db', 'web']);
  });
});
