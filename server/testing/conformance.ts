import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument, type OpenApiDocument } from '../openapi/document.ts';

const DOCUMENT_ID = 'urn:marketo-access:openapi';

type Response = { $ref?: string; content?: Record<string, { schema?: unknown }> };

interface Checker {
  document: OpenApiDocument;
  validate(pointer: string): ValidateFunction;
}

let checker: Checker | undefined;

/** One validator per response schema, resolved inside the document itself (its `#/components/...` references). */
function theChecker(): Checker {
  if (checker) return checker;
  const document = openApiDocument();
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // The document's own keys are not JSON Schema keywords; only the schemas inside it are compiled.
  ajv.addVocabulary(['openapi', 'info', 'tags', 'paths', 'components']);
  ajv.addSchema(document, DOCUMENT_ID);
  const validators = new Map<string, ValidateFunction>();
  checker = {
    document,
    validate: (pointer) => {
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
        validators.set(pointer, validate);
      }
      return validate;
    },
  };
  return checker;
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** What the conformance check saw, `METHOD path status`: a test can ask whether a route was exercised. */
export const checkedAnswers = new Set<string>();

/** Whether the document lists this route (only those are checked). */
export const isDocumented = (method: string, url: string): boolean =>
  !!theChecker().document.paths[new URL(url).pathname]?.[method.toLowerCase() as 'get' | 'post'];

export interface SeenAnswer {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
  /** The body; undefined for a stream that is not read whole. */
  text: string | undefined;
}

/**
 * Checks one real answer of the team server against the OpenAPI document
 * (server/openapi/): its status must be listed for the route, its content
 * type the listed one, and a JSON body valid against the listed schema. A
 * route the document does not have (an unknown path, a preflight) is not
 * checked. Throws an error that says the route, the status and what
 * differed.
 */
export function checkAnswer({ method, url, status, contentType, text }: SeenAnswer): void {
  const { document, validate } = theChecker();
  const path = new URL(url).pathname;
  const verb = method.toLowerCase();
  const operation = document.paths[path]?.[verb as 'get' | 'post'];
  if (!operation) return;
  const where = `${method.toUpperCase()} ${path} ${status}`;
  const statusKey = String(status) in operation.responses ? String(status) : 'default';
  let response = operation.responses[statusKey] as Response | undefined;
  if (!response) throw new Error(`OpenAPI: ${where} is not a status the document lists for this route.`);
  let pointer = `/paths/${escapePointer(path)}/${verb}/responses/${statusKey}`;
  if (response.$ref) {
    pointer = response.$ref.slice(1);
    response = pointer
      .split('/')
      .slice(1)
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], document) as Response;
  }
  const types = Object.keys(response.content ?? {});
  if (types.length === 0) return void checkedAnswers.add(where);
  const type = types.find((listed) => contentType?.startsWith(listed));
  if (!type)
    throw new Error(
      `OpenAPI: ${where} answered ${contentType ?? 'no content type'}, the document says ${types.join(' or ')}.`,
    );
  if (type === 'application/json' && text !== undefined) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`OpenAPI: ${where} answered a body that is not JSON.`);
    }
    const valid = validate(`${pointer}/content/${escapePointer(type)}/schema`);
    if (!valid(body))
      throw new Error(
        `OpenAPI: ${where} does not match the document: ${JSON.stringify(valid.errors?.slice(0, 5))}; body: ${text.slice(0, 500)}`,
      );
  }
  checkedAnswers.add(where);
}
