export function remoteInstructions(at: {
  user: string;
  host: string;
  serverPort: string | number;
  sandboxPort: string | number;
  extensionDir: string;
}): string[];
