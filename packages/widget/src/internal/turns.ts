/**
 * Rendering in turns (issue 15: no task over 50 ms while a page of 50 messages renders at 4x CPU
 * throttling). What the views draw after a load (the figures, the list's first messages, each next
 * slice of the list) takes a turn: the first waiting turn runs at once, each next one in a task
 * after the frame that shows the one before, so no frame lays out more than one of them. The turns
 * are shared by every element of the page, since the figures' answer and the list's arrive together.
 */

/**
 * Runs `next` in a task after the next frame is rendered (at once in a hidden page, which renders no
 * frames; a page hidden while it waits goes on when it is shown again, when its frames resume).
 */
export const afterFrame = (next: () => void): void => {
  if (document.hidden) setTimeout(next)
  else requestAnimationFrame(() => setTimeout(next))
}

const waiting: (() => void)[] = []
let turning = false

function turn(): void {
  const next = waiting.shift()
  turning = !!next
  if (!next) return
  next()
  afterFrame(turn)
}

/** Resolves in a turn of its own: at once when none ran since the last frame, else after the frames of those before it. */
export function myTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve)
    if (!turning) turn()
  })
}

/**
 * An element's `updateComplete` while it draws in turns: `update()` (its own updateComplete) again
 * after each frame, until `pending()` says nothing is left to draw.
 */
export async function drawn(pending: () => boolean, update: () => Promise<boolean>): Promise<boolean> {
  let result = await update()
  while (pending()) {
    await new Promise<void>((resolve) => afterFrame(resolve))
    result = await update()
  }
  return result
}
