import { useEffect } from 'preact/hooks';

/** The page's heading and its tab title, the same words: an admin's console and a rep's profile are named for who reads them. */
export function PageTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return <h1>{title}</h1>;
}
