FROM a
RUN echo \

  b


USER x
