/** Messages carry this tag so the worker can tell ours from anything else. Its own file: pages send without loading the schemas. */
export const CHANNEL = 'marketo-access/command';
