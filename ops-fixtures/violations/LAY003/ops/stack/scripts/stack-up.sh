#!/usr/bin/env bash
echo up
