/**
 * A side channel from the fetch handler to the Node adapter: a `Response` made by
 * {@link textResponse} also carries its body as the string it was made from, so `serve()` can write
 * that string to the socket at once instead of reading the body back out of a web stream. The
 * Response itself is an ordinary one (its body is the same text), so every other runtime and any
 * code that reads the body sees no difference. A symbol from the global registry, so two bundled
 * copies of this module agree. @internal
 */
const BODY_TEXT = Symbol.for('@liuyan/server.bodyText')

interface WithText {
  [BODY_TEXT]?: string
}

/** A Response whose body is `body`, remembered for {@link bodyText}. @internal */
export function textResponse(body: string, init: ResponseInit): Response {
  const response = new Response(body, init)
  ;(response as WithText)[BODY_TEXT] = body
  return response
}

/** The text a {@link textResponse} was made with, or undefined for any other Response. @internal */
export function bodyText(response: Response): string | undefined {
  return (response as WithText)[BODY_TEXT]
}
