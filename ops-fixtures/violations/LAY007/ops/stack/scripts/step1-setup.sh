#!/usr/bin/env bash
# Named after its place in a sequence.
kind create cluster --name atlas
