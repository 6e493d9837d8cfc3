#!/usr/bin/python3
"""A Modbus TCP server for the driver's tests: Debian's python3-pymodbus (3.0), an independent implementation.

Usage: modbus_server.py PORT   (0 picks a free port). Each table holds addresses 0-99; any other address answers
exception 2 (illegal data address). Prints "ready <port>", then reads commands from stdin, one per line:
  set <di|co|hr|ir> <address> <value>   -> "ok"
  get <di|co|hr|ir> <address>           -> the value
  quit
"""
import asyncio
import logging
import sys
import threading

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusTcpServer

SIZE = 100
# its own ERROR lines for each exception response and dropped client would drown the driver's log
logging.getLogger("pymodbus").setLevel(logging.CRITICAL)


def block():
    # pymodbus' sequential block at address 1 with zero_mode=False maps PDU address a to a+1: PDU 0-99 are valid
    return ModbusSequentialDataBlock(1, [0] * SIZE)


store = ModbusSlaveContext(di=block(), co=block(), hr=block(), ir=block(), zero_mode=False)
context = ModbusServerContext(slaves=store, single=True)
TABLES = {"di": 2, "co": 1, "hr": 3, "ir": 4}


def commands(loop):
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        try:
            if parts[0] == "set":
                store.setValues(TABLES[parts[1]], int(parts[2]), [int(parts[3])])
                print("ok", flush=True)
            elif parts[0] == "get":
                print(store.getValues(TABLES[parts[1]], int(parts[2]), 1)[0] * 1, flush=True)
            elif parts[0] == "quit":
                break
            else:
                print("error unknown command", flush=True)
        except Exception as e:  # noqa: BLE001 - the test reads the answer
            print("error " + str(e), flush=True)
    loop.call_soon_threadsafe(loop.stop)


async def main(port):
    server = ModbusTcpServer(context, address=("127.0.0.1", port), allow_reuse_address=True)
    task = asyncio.ensure_future(server.serve_forever())
    await server.serving
    print("ready %d" % server.server.sockets[0].getsockname()[1], flush=True)
    threading.Thread(target=commands, args=(asyncio.get_running_loop(),), daemon=True).start()
    await task


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1])))
    except RuntimeError:
        pass  # the loop stopped by quit or end of input
