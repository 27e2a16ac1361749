// `npm start`: the demo. The board server lands with @liuyan/server; until then this says so.
console.log('Liuyan 留言: the demo (reference server + agency page + widget) arrives with @liuyan/server.')
console.log('For now, run `npm test` to exercise @liuyan/core.')
