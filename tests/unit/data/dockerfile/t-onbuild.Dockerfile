FROM a
ONBUILD RUN x \
 y
HEALTHCHECK --interval=5s \
  CMD true
