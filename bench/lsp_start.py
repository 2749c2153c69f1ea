#!/usr/bin/env python3
"""How soon `cnnc lsp` answers an editor that starts it: the time to the answer to `initialize`, then
to ResNet50's diagnostics after `didOpen`, from the process's start, over its standard input and output.
    bench/lsp_start.py [RUNS] [COMMAND...]     (default: 5 runs of ./cnnc lsp)
"""
import json
import subprocess
import sys
import time


def message(body):
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def answer(stdout):
    length = 0
    while True:
        line = stdout.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length"):
            length = int(line.split(b":")[1])
    return json.loads(stdout.read(length))


def one(command, text):
    start = time.time()
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    server.stdin.write(message({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))
    server.stdin.flush()
    answer(server.stdout)
    initialized = time.time()
    server.stdin.write(message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    server.stdin.write(message({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///bench/resnet50.cnn", "languageId": "cnn", "version": 1, "text": text}}}))
    server.stdin.flush()
    answer(server.stdout)
    diagnosed = time.time()
    server.stdin.write(message({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    server.stdin.write(message({"jsonrpc": "2.0", "method": "exit"}))
    server.stdin.flush()
    code = server.wait()
    print("initialize answered after %.0f ms, ResNet50's diagnostics %.0f ms after didOpen, exit %d"
          % ((initialized - start) * 1000, (diagnosed - initialized) * 1000, code))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    command = sys.argv[2:] or ["./cnnc", "lsp"]
    with open("samples/zoo/resnet50.cnn", encoding="utf-8") as sample:
        text = sample.read()
    for _ in range(runs):
        one(command, text)


main()
