// Starts the HTTP server.
const config = require('config');
const app = require('./app');

const port = process.env.PORT || config.get('server.port');
app.listen(port);
