import '@liuyan/widget/define'
// The JSX types of the liuyan-* tags, generated from the widget's custom-elements.json.
import type {} from '@liuyan/widget/react'
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'

function App() {
  const [code, setCode] = useState<string | null>(null)
  return (
    <main>
      <h1>网上留言（React）</h1>
      <p role="status">{code ? `Last tracking code: ${code}` : 'No message sent yet'}</p>
      {/* React 19 listens to the event named after `on` as it is; `event` is a LiuyanSubmittedEvent. */}
      <liuyan-board api="/api/v1" board="220100-gov" page-size={5} onliuyan-submitted={(event) => setCode(event.trackingCode)} />
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
