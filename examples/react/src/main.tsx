import '@liuyan/widget/define'
import type { LiuyanSubmittedEvent } from '@liuyan/widget'
import { StrictMode, useEffect, useRef, useState } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  const board = useRef<HTMLElementTagNameMap['liuyan-board']>(null)
  const [code, setCode] = useState<string | null>(null)

  useEffect(() => {
    const element = board.current
    if (!element) return
    // Typed through GlobalEventHandlersEventMap: `event` is a LiuyanSubmittedEvent.
    const onSubmitted = (event: LiuyanSubmittedEvent) => setCode(event.trackingCode)
    element.addEventListener('liuyan-submitted', onSubmitted)
    return () => element.removeEventListener('liuyan-submitted', onSubmitted)
  }, [])

  return (
    <main>
      <h1>网上留言（React）</h1>
      <p role="status">{code ? `Last tracking code: ${code}` : 'No message sent yet'}</p>
      <liuyan-board ref={board} api="/api/v1" board="220100-gov" page-size={5} />
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
