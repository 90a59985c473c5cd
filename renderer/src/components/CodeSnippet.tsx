import { CopyButton } from './CopyButton';

/** A copyable block of config / shell text. Always left-to-right, also in RTL layouts. */
export function CodeSnippet({ title, code }: { title: string; code: string }) {
  return (
    <figure className="snippet">
      <figcaption>
        <span className="snippet-title" dir="auto">
          {title}
        </span>
        <CopyButton text={code} />
      </figcaption>
      <pre dir="ltr" tabIndex={0}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
