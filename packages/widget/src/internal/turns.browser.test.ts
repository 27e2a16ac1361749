import { describe, expect, it } from 'vitest'
import { myTurn } from './turns.js'

describe('turns', () => {
  it('runs the first waiting turn at once and each next one after a frame of its own', async () => {
    let frames = 0
    let counting = true
    const count = () => {
      frames++
      if (counting) requestAnimationFrame(count)
    }
    requestAnimationFrame(count)
    const seen: [string, number][] = []
    await Promise.all(['a', 'b', 'c'].map((name) => myTurn().then(() => void seen.push([name, frames]))))
    counting = false
    expect(seen.map(([name]) => name)).toEqual(['a', 'b', 'c'])
    expect(seen[0]![1]).toBe(0)
    expect(seen[1]![1]).toBeGreaterThan(seen[0]![1])
    expect(seen[2]![1]).toBeGreaterThan(seen[1]![1])
  })
})
