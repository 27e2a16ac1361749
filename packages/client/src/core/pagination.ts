import type { Page } from '@liuyan/core'

/**
 * The result of a `list()` call: `await` it for the first page (`{ items, nextCursor }`), or
 * `for await` it to walk every item across pages, fetching the next page only when needed.
 *
 * @example
 * ```ts
 * const first = await client.messages.list({ limit: 20 })
 * for await (const message of client.messages.list({ boardId })) console.log(message.title)
 * ```
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  #first: Promise<Page<T>> | undefined
  readonly #fetchPage: (cursor: string | undefined) => Promise<Page<T>>
  readonly #cursor: string | undefined

  constructor(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, cursor?: string) {
    this.#fetchPage = fetchPage
    this.#cursor = cursor
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetchPage(this.#cursor)
    return this.#first
  }

  then<A = Page<T>, B = never>(
    onfulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onfulfilled, onrejected)
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return this.#firstPage().catch(onrejected)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page = await this.#firstPage()
    for (;;) {
      yield* page.items
      if (!page.nextCursor) return
      page = await this.#fetchPage(page.nextCursor)
    }
  }
}
