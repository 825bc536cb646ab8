/**
 * What pages may use of the backend directly: a fast read for the first
 * paint. Today's org is local; a remote backend would answer from its cache.
 */
export { readOwnView as readOrgViewFast } from './local/page-reader.ts';
