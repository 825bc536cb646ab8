/** A header or cell reduced to its letters: "Rôle", "RÔLE " and "role" compare equal, as do "E-mail" and "email". */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
