"""A small real SMTP server on 127.0.0.1 for tests (RFC 5321's commands that smtplib uses).

It keeps every message it accepts (envelope and raw bytes) and can be told to refuse the
next N messages with a temporary failure, as a mail server does while it restarts.
"""

import base64
import socketserver
import threading
from email import message_from_bytes, policy


class SMTPTestServer:
    def __init__(self):
        self.messages = []  # (mail_from, rcpt_to, email.message.EmailMessage)
        self.logins = []
        self.refuse_next = 0
        self._lock = threading.Lock()
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                owner._session(self.rfile, self.wfile)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _session(self, rfile, wfile):
        def reply(line):
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        reply("220 127.0.0.1 test SMTP")
        mail_from, rcpt_to = None, []
        while True:
            raw = rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                reply("250-127.0.0.1")
                reply("250-8BITMIME")
                reply("250 AUTH PLAIN")
            elif verb == "HELO":
                reply("250 127.0.0.1")
            elif verb == "AUTH":
                _, _, credentials = line.split(" ", 2)
                _, user, password = base64.b64decode(credentials).split(b"\0")
                self.logins.append((user.decode(), password.decode()))
                reply("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                with self._lock:
                    refuse = self.refuse_next > 0
                    self.refuse_next -= 1 if refuse else 0
                if refuse:
                    reply("451 4.3.0 Try again later")
                    continue
                mail_from, rcpt_to = line.split(":", 1)[1].strip().strip("<>").split(">")[0], []
                reply("250 OK")
            elif verb == "RCPT":
                rcpt_to.append(line.split(":", 1)[1].strip().strip("<>"))
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                message = message_from_bytes(b"".join(data), policy=policy.default)
                self.messages.append((mail_from, rcpt_to, message))
                reply("250 OK queued")
            elif verb == "QUIT":
                reply("221 Bye")
                return
            else:  # RSET, NOOP
                reply("250 OK")
